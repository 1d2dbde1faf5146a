using System.Reflection;
using CleanBot.Application.Common.Access;
using CleanBot.Application.Common.Behaviours;
using CleanBot.Application.Common.Users;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CleanBot.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers MediatR 5.1.0 by hand (it has no DI package of its own here): the mediator, every request handler of
    /// this assembly, and the pipeline behaviours, outermost first. Only API that MediatR 12 shares is used, so an
    /// upgrade replaces this method with <c>AddMediatR(...)</c>. See docs/adr/0001-mediatr-5.md.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        foreach (var (service, implementation) in RequestHandlers(assembly))
        {
            services.AddScoped(service, implementation);
        }

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AccessBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UsageLimitBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        // Validators hold no state: one instance each serves every request.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddScoped<UserRegistry>();
        services.AddOptions<ConversationOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<MessageRateLimit>();
        services.AddScoped<DailyTokenQuota>();
        services.AddOptions<AccessOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InlineAnswerOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    private static IEnumerable<(Type Service, Type Implementation)> RequestHandlers(Assembly assembly) =>
        from type in assembly.GetTypes()
        where type is { IsAbstract: false, IsInterface: false }
        from service in type.GetInterfaces()
        where service.IsGenericType && service.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)
        select (service, type);
}
