using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CleanBot.Application.Abstractions.Ai;
using CleanBot.Domain.Conversations;
using CleanBot.Infrastructure.Ai.Gemini.Contracts;
using CommunityToolkit.HighPerformance.Buffers;

namespace CleanBot.Infrastructure.Ai.Gemini;

/// <summary>
/// The JSON body of <c>generateContent</c> and <c>streamGenerateContent</c>, written straight from the conversation as
/// the request goes out: no object per turn on the way. It is written into a pooled buffer when the request's headers
/// ask for its length, so it goes out with a Content-Length rather than in chunks, and the buffer is given back as soon
/// as the bytes are out. A retry sends the same request message again, so an attempt after the first writes it again.
/// </summary>
internal sealed class GeminiRequestContent : HttpContent
{
    // About what a turn's JSON adds to its text: the braces, the role and the part around it.
    private const int BytesAroundTurn = 48;

    // Text goes out as UTF-8, not as \uXXXX escapes: a Persian letter is 2 bytes instead of 6. The body is read by
    // the API, never embedded in HTML, which is all the stricter default encoder guards against.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ChatModelRequest _request;
    private readonly GenerationConfig? _generationConfig;
    private ArrayPoolBufferWriter<byte>? _json;

    public GeminiRequestContent(ChatModelRequest request, GenerationConfig? generationConfig)
    {
        _request = request;
        _generationConfig = generationConfig;
        Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var json = Interlocked.Exchange(ref _json, null) ?? Written();
        try
        {
            await stream.WriteAsync(json.WrittenMemory, cancellationToken);
        }
        finally
        {
            json.Dispose();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <summary>Writes the body to know its length; the bytes wait for <see cref="SerializeToStreamAsync(Stream, TransportContext?, CancellationToken)"/>.</summary>
    protected override bool TryComputeLength(out long length)
    {
        _json ??= Written();
        length = _json.WrittenCount;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Interlocked.Exchange(ref _json, null)?.Dispose();
        }

        base.Dispose(disposing);
    }

    private ArrayPoolBufferWriter<byte> Written()
    {
        var json = new ArrayPoolBufferWriter<byte>(EstimatedLength(_request));
        using (var writer = new Utf8JsonWriter(json, WriterOptions))
        {
            Write(writer, _request, _generationConfig);
        }

        return json;
    }

    // Enough for ASCII text, so most requests fill one rented buffer without growing it.
    private static int EstimatedLength(ChatModelRequest request)
    {
        var length = 256 + request.SystemInstruction.Length;
        for (var i = 0; i < request.Turns.Count; i++)
        {
            length += request.Turns[i].Text.Length + BytesAroundTurn;
        }

        return length + (request.Image is { } image ? (image.Bytes.Length + 2) / 3 * 4 + 64 : 0);
    }

    private static void Write(Utf8JsonWriter json, ChatModelRequest request, GenerationConfig? generationConfig)
    {
        json.WriteStartObject();
        json.WriteStartArray("contents"u8);
        var turns = request.Turns;
        for (var i = 0; i < turns.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("role"u8, RoleName(turns[i].Role));
            json.WriteStartArray("parts"u8);
            if (i == turns.Count - 1 && request.Image is { } image)
            {
                // The image belongs to the newest turn, ahead of its text as Gemini's guide advises for one image.
                json.WriteStartObject();
                json.WriteStartObject("inlineData"u8);
                json.WriteString("mimeType"u8, image.MimeType);
                json.WriteBase64String("data"u8, image.Bytes.Span);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            WriteTextPart(json, turns[i].Text);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (!string.IsNullOrWhiteSpace(request.SystemInstruction))
        {
            json.WriteStartObject("systemInstruction"u8);
            json.WriteStartArray("parts"u8);
            WriteTextPart(json, request.SystemInstruction);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        if (generationConfig is not null)
        {
            json.WriteStartObject("generationConfig"u8);
            if (generationConfig.Temperature is { } temperature)
            {
                json.WriteNumber("temperature"u8, temperature);
            }

            if (generationConfig.MaxOutputTokens is { } maxOutputTokens)
            {
                json.WriteNumber("maxOutputTokens"u8, maxOutputTokens);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteTextPart(Utf8JsonWriter json, string text)
    {
        json.WriteStartObject();
        json.WriteString("text"u8, text);
        json.WriteEndObject();
    }

    private static ReadOnlySpan<byte> RoleName(MessageRole role) => role switch
    {
        MessageRole.User => "user"u8,
        MessageRole.Model => "model"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "A turn is either the user's or the model's."),
    };
}
