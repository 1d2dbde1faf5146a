using CleanBot.Presentation.Bot.Telegram;
using CleanBot.Presentation.Bot.Telegram.Replies;
using Microsoft.Extensions.Options;

namespace CleanBot.Presentation.Bot.Tests.Replies;

// The budgets refill at most once a second here, far slower than these loops run, so the counts are exact.
public sealed class OutboundBudgetTests
{
    private const long PrivateChat = 42;
    private const long OtherPrivateChat = 43;
    private const long Group = -100_123;

    [Fact]
    public void A_chat_gets_its_burst_and_then_waits_for_its_rate()
    {
        using var budget = Budget(chatPerMinute: 1, groupPerMinute: 1, burst: 3);

        TurnsTaken(budget, PrivateChat, attempts: 10).Should().Be(3);
    }

    [Fact]
    public void Chats_have_budgets_of_their_own()
    {
        using var budget = Budget(chatPerMinute: 1, groupPerMinute: 1, burst: 2);
        TurnsTaken(budget, PrivateChat, attempts: 5);

        TurnsTaken(budget, OtherPrivateChat, attempts: 5).Should().Be(2);
        TurnsTaken(budget, Group, attempts: 5).Should().Be(2);
    }

    [Fact]
    public void The_whole_bot_shares_one_budget_across_chats()
    {
        using var budget = Budget(global: 1, chatPerMinute: 0, groupPerMinute: 0);

        new[] { budget.TryTakeTurn(PrivateChat), budget.TryTakeTurn(OtherPrivateChat), budget.TryTakeTurn(Group) }
            .Count(taken => taken).Should().Be(1);
    }

    [Fact]
    public void A_budget_set_to_zero_is_off()
    {
        using var budget = Budget(global: 0, chatPerMinute: 0, groupPerMinute: 0);

        TurnsTaken(budget, PrivateChat, attempts: 1_000).Should().Be(1_000);
    }

    [Fact]
    public void Only_groups_are_limited_when_only_the_group_rate_is_set()
    {
        using var budget = Budget(chatPerMinute: 0, groupPerMinute: 1, burst: 1);

        TurnsTaken(budget, PrivateChat, attempts: 50).Should().Be(50);
        TurnsTaken(budget, Group, attempts: 50).Should().Be(1);
    }

    [Fact]
    public async Task Waiting_for_a_turn_ends_when_the_chat_refills()
    {
        using var budget = Budget(chatPerMinute: 600, groupPerMinute: 0, burst: 1);
        budget.TryTakeTurn(PrivateChat).Should().BeTrue();
        budget.TryTakeTurn(PrivateChat).Should().BeFalse();

        // 600 a minute is one every 100 ms: the wait ends by itself (the timeout only guards against a hang).
        await budget.WaitForTurnAsync(PrivateChat, TestContext.Current.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_instead_of_sending_anyway()
    {
        using var budget = Budget(chatPerMinute: 1, groupPerMinute: 0, burst: 1);
        budget.TryTakeTurn(PrivateChat).Should().BeTrue();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var waiting = async () => await budget.WaitForTurnAsync(PrivateChat, cancelled.Token);

        await waiting.Should().ThrowAsync<OperationCanceledException>();
    }

    private static int TurnsTaken(OutboundBudget budget, long chatId, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => budget.TryTakeTurn(chatId));

    private static OutboundBudget Budget(int global = 0, int chatPerMinute = 60, int groupPerMinute = 20, int burst = 3) =>
        new(Options.Create(new TelegramOptions
        {
            GlobalMessagesPerSecond = global,
            ChatMessagesPerMinute = chatPerMinute,
            GroupMessagesPerMinute = groupPerMinute,
            ChatBurst = burst,
        }));
}
