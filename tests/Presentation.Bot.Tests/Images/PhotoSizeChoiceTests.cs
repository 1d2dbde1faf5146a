using CleanBot.Presentation.Bot.Telegram.Images;
using Telegram.Bot.Types;

namespace CleanBot.Presentation.Bot.Tests.Images;

public sealed class PhotoSizeChoiceTests
{
    [Fact]
    public void The_size_with_the_most_pixels_within_the_limit_is_chosen()
    {
        PhotoSize[] sizes = [Size("s", 90, 67, 1_200), Size("m", 320, 240, 14_000), Size("x", 1280, 960, 160_000), Size("y", 2560, 1920, 700_000)];

        PhotoSizeChoice.Largest(sizes, maxBytes: 500_000)!.FileId.Should().Be("x");
        PhotoSizeChoice.Largest(sizes, maxBytes: 700_000)!.FileId.Should().Be("y", "the limit is inclusive");
    }

    [Fact]
    public void The_order_telegram_lists_the_sizes_in_does_not_matter()
    {
        PhotoSize[] sizes = [Size("x", 1280, 960, 160_000), Size("s", 90, 67, 1_200), Size("m", 320, 240, 14_000)];

        PhotoSizeChoice.Largest(sizes, maxBytes: 1_000_000)!.FileId.Should().Be("x");
    }

    [Fact]
    public void A_size_without_a_declared_file_size_counts_as_fitting()
    {
        PhotoSize[] sizes = [Size("s", 90, 67, 1_200), Size("unknown", 800, 600, null)];

        PhotoSizeChoice.Largest(sizes, maxBytes: 10_000)!.FileId.Should().Be("unknown");
    }

    [Fact]
    public void When_every_size_is_over_the_limit_there_is_no_choice()
    {
        PhotoSize[] sizes = [Size("m", 320, 240, 14_000), Size("x", 1280, 960, 160_000)];

        PhotoSizeChoice.Largest(sizes, maxBytes: 10_000).Should().BeNull();
        PhotoSizeChoice.Largest([], maxBytes: 10_000).Should().BeNull();
    }

    private static PhotoSize Size(string fileId, int width, int height, long? fileSize) =>
        new() { FileId = fileId, FileUniqueId = fileId + "-u", Width = width, Height = height, FileSize = fileSize };
}
