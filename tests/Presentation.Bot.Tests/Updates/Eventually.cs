namespace CleanBot.Presentation.Bot.Tests.Updates;

/// <summary>Waits for background work to reach a state: polls the condition, and fails the test after 30 s.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
