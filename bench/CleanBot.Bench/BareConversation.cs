using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CleanBot.Bench;

/// <summary>
/// One chat's recent messages in the bare loop, so that its model request carries what the bot's carries: the newest
/// messages within the bot's default budget, opening with a user turn, and the bot's default system instruction. A
/// list per chat is the least that carrying a conversation takes. The bare loop does not take a chat's updates in
/// order as the bot does, so two of them may meet here: a lock keeps the list whole.
/// </summary>
internal sealed class BareConversation
{
    // The bot's defaults (ConversationOptions in src/Application), copied: the bench never references the bot's code.
    // If they drift apart, the report's two "Gemini request, mean" rows show the bot and the bare loop sending different
    // sizes.
    private const int MaxMessages = 40;
    private const int MaxCharacters = 32_000;
    private const string SystemInstruction =
        "You are CleanBot, a friendly and helpful assistant in a Telegram chat. " +
        "Reply in the language of the user's last message (many users write Persian, many English). " +
        "Be concise. You may use Markdown: bold, italic, inline code, code blocks and links; avoid tables and headings.";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(bool FromUser, string Text)> _messages = [];
    private readonly Lock _gate = new();

    /// <summary>Adds the question and returns the JSON of the model request that asks it.</summary>
    public byte[] Ask(string question)
    {
        lock (_gate)
        {
            Add(fromUser: true, question);
            return Request(FirstSent());
        }
    }

    public void Answered(string answer)
    {
        lock (_gate)
        {
            Add(fromUser: false, answer);
        }
    }

    private byte[] Request(int first)
    {
        var json = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("contents"u8);
            for (var i = first; i < _messages.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("role"u8, _messages[i].FromUser ? "user"u8 : "model"u8);
                writer.WriteStartArray("parts"u8);
                WriteTextPart(writer, _messages[i].Text);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("systemInstruction"u8);
            writer.WriteStartArray("parts"u8);
            WriteTextPart(writer, SystemInstruction);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return json.WrittenSpan.ToArray();
    }

    private void Add(bool fromUser, string text)
    {
        if (_messages.Count == MaxMessages)
        {
            _messages.RemoveAt(0);
        }

        _messages.Add((fromUser, text));
    }

    // The newest messages that fit the budget, then forward to the first user turn, as the bot chooses them.
    private int FirstSent()
    {
        var first = _messages.Count - 1;
        var characters = _messages[first].Text.Length;
        while (first > 0 && _messages.Count - first < MaxMessages && characters + _messages[first - 1].Text.Length <= MaxCharacters)
        {
            first--;
            characters += _messages[first].Text.Length;
        }

        while (first < _messages.Count - 1 && !_messages[first].FromUser)
        {
            first++;
        }

        return first;
    }

    private static void WriteTextPart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
    }
}
