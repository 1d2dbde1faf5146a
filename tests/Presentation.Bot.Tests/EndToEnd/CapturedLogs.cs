using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>Keeps every log line the host writes, at every level, with its exception and the time it was written, so
/// tests can search the lines and a failed test's output shows when each happened.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyCollection<string> Lines => [.. _entries.Select(entry => entry.Line)];

    public string All => string.Join('\n', Lines);

    /// <summary>The lines with the time they were written.</summary>
    public IEnumerable<(DateTimeOffset At, string Line)> TimedLines => _entries.Select(entry => (entry.At, entry.Line));

    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, _entries);

    public void Dispose()
    {
    }

    private readonly record struct Entry(DateTimeOffset At, string Line);

    private sealed class Capturing(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            entries.Enqueue(new Entry(DateTimeOffset.UtcNow, exception is null ? line : $"{line}\n{exception}"));
        }
    }
}
