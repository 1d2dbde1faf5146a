using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CleanBot.Infrastructure.IntegrationTests;

/// <summary>A logger provider that keeps every entry and scope as text: message, structured values and exception.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"{category} scope: {state} {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {Values(state)} {exception}");

        // Structured values are what JSON and Serilog sinks write, so they are captured as well as the message.
        private static string Values<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join(", ", values.Select(pair => $"{pair.Key}={Describe(pair.Value)}"))
                : string.Empty;

        private static string? Describe(object? value) =>
            value is not string and System.Collections.IEnumerable items ? $"[{string.Join(", ", items.Cast<object?>())}]" : value?.ToString();
    }
}
