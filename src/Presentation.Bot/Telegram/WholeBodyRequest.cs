using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Requests;

namespace CleanBot.Presentation.Bot.Telegram;

/// <summary>
/// A Bot API request of the bot's own whose JSON body is written whole before it is sent, with its length. Telegram.Bot's
/// own body (<c>JsonContent</c>) is serialized while it goes out, in chunks, with the default encoder, which writes every
/// non-ASCII letter as a <c>\uXXXX</c> escape: 6 bytes for a Persian letter instead of 2. The JSON is otherwise the
/// library's: its names, converters and omitted nulls.
/// </summary>
internal abstract class WholeBodyRequest<TResult>(string methodName) : RequestBase<TResult>(methodName)
{
    // The body is read by the Bot API, never embedded in HTML, which is all the stricter encoder guards against.
    private static readonly JsonSerializerOptions Options = new(JsonBotAPI.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override HttpContent ToHttpContent()
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(this, GetType(), Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }
}
