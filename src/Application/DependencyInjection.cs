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

        // Transient, as MediatR's own registration makes them: none holds state or needs disposing, and a scoped one
        // is also remembered by its scope, whose table of services then grows on every update
        // (docs/performance-history.md).
        services.AddTransient<ServiceFactory>(provider => provider.GetService!);
        services.AddTransient<IMediator, Mediator>();
        foreach (var (service, implementation) in RequestHandlers(assembly))
        {
            services.AddTransient(service, implementation);
        }

        // The first four hold nothing but singletons, so one instance of each serves every request; the last two reach
        // the request's scope (its repositories, through the user registry and the quota).
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(UnhandledExceptionBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(PerformanceBehaviour<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(AccessBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(UsageLimitBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        // Validators hold no state: one instance each serves every request.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

        // Stateless, over the scope's repositories: transient rather than scoped, so they take no place in the scope's
        // table of services, which an update then fills without growing it a third time (docs/performance-history.md).
        services.AddTransient<UserRegistry>();
        services.AddTransient<DailyTokenQuota>();
        services.AddOptions<ConversationOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessGate>();
        services.AddSingleton<MessageRateLimit>();
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
