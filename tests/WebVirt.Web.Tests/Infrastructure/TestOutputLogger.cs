using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// A logger into the test's output, which xunit prints only when the test fails: a flaky failure
/// then carries the product's own account of what happened, with times to the millisecond.
/// </summary>
public sealed class TestOutputLogger<T>(ITestOutputHelper output) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test has ended; a late line has nowhere to go.
        }
    }
}
