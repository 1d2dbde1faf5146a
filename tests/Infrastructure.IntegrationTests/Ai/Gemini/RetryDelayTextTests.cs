using CleanBot.Infrastructure.Ai.Gemini;

namespace CleanBot.Infrastructure.IntegrationTests.Ai.Gemini;

public sealed class RetryDelayTextTests
{
    [Theory]
    [InlineData("37s", 37_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0s", 0)]
    public void Reads_a_protobuf_duration(string text, int expectedMilliseconds) =>
        RetryDelayText.ParseDuration(text).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("37")]
    [InlineData("soon")]
    [InlineData("-1s")]
    public void Ignores_what_is_not_a_duration(string? text) =>
        RetryDelayText.ParseDuration(text).Should().BeNull();

    [Theory]
    [InlineData("Quota exceeded for metric: x, limit: 10\nPlease retry in 12.3s.", 12_300)]
    [InlineData("Please retry in 566.040524ms.", 566.040524)]
    [InlineData("please RETRY IN 8s", 8_000)]
    public void Finds_the_wait_in_a_message(string message, double expectedMilliseconds) =>
        RetryDelayText.FindInMessage(message).Should().Be(TimeSpan.FromMilliseconds(expectedMilliseconds));

    [Theory]
    [InlineData(null)]
    [InlineData("Resource has been exhausted (e.g. check quota).")]
    public void Finds_no_wait_in_a_message_without_one(string? message) =>
        RetryDelayText.FindInMessage(message).Should().BeNull();
}
