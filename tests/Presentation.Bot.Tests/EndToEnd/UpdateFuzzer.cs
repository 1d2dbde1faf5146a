using System.Text.Json;
using System.Text.Json.Nodes;
using CleanBot.Presentation.Bot.Tests.Fakes;

namespace CleanBot.Presentation.Bot.Tests.EndToEnd;

/// <summary>What a fuzzed update must get: nothing in particular, or an answer the test can find.</summary>
internal abstract record FuzzExpectation
{
    /// <summary>An echo of a question carrying <paramref name="Token"/>, in <paramref name="ChatId"/>.</summary>
    public sealed record Echo(long ChatId, string Token) : FuzzExpectation;

    /// <summary>A reply quoting <paramref name="MessageId"/> in the group <paramref name="ChatId"/>.</summary>
    public sealed record ReplyTo(long ChatId, int MessageId) : FuzzExpectation;
}

/// <summary>One fuzzed update: its JSON as getUpdates hands it out, given the update_id the fake assigns.</summary>
/// <param name="Expected">Set only for a text message no mutation made invalid.</param>
internal sealed record FuzzCase(string Shape, IReadOnlyList<string> Mutations, Func<long, string> Render, FuzzExpectation? Expected);

/// <summary>
/// Mutated copies of real update shapes (built by the fake's <see cref="TelegramUpdateFactory"/> or in its style):
/// fields dropped, values of the wrong JSON kind, numbers out of range, 100,000-character strings, odd Unicode (lone surrogates, RTL and
/// zero-width marks, Persian, emoji, NUL), unknown update kinds, deep nesting, elements that are not objects and
/// update_ids seen before. Deterministic for a given <see cref="Random"/>.
/// </summary>
internal sealed class UpdateFuzzer(FakeTelegramServer telegram, Random random)
{
    public const int Users = 100;
    public const int Groups = 10;
    public const long FirstUserId = 9_500_001;

    /// <summary>Within System.Text.Json's default depth of 64 once wrapped in getUpdates' answer (see the report).</summary>
    private const int MaxNesting = 50;

    // Serialised as a lone high surrogate escape: a .NET string cannot go through the JSON writer with one.
    private const string LoneSurrogateMarker = "@@LONE-SURROGATE@@";

    private static readonly string[] OddUnicode =
    [
        "\u200f", "\u200e", "\u202e", "\u200d", "👨‍👩‍👧‍👦", "سلام دنیا، حالت چطور است؟", "🧪🚀✨", "\u0000", "e\u0301", "\ufeff",
        "\uffff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u2028", "ـــ", "۱۲۳۴",
    ];

    private static readonly string[] HugeStrings =
    [
        new string('x', 100_000),
        string.Concat(Enumerable.Repeat("سلام ", 20_000)),
        string.Concat(Enumerable.Repeat("😀", 50_000)),
    ];

    private static readonly string[] NonObjects = ["42", "\"update\"", "[]", "null", "true", "[{\"update_id\":1}]", "-0.5e3"];

    private static readonly string[] Mutations =
    [
        "drop-field", "wrong-type", "extreme-number", "huge-string", "odd-unicode", "lone-surrogate", "unknown-kind", "extra-field",
        "deep-nesting",
    ];

    private static readonly JsonNode[] ExtremeNumbers =
        [long.MaxValue, long.MinValue, -1, 0, 4_294_967_296, 1.5e300, 0.5];

    // These keep a valid update valid: Telegram.Bot ignores fields it does not know.
    private static readonly HashSet<string> Harmless = ["extra-field", "deep-nesting", "odd-unicode-in-text"];

    private readonly List<string> _rendered = [];
    private readonly List<long> _ids = [];

    /// <summary>The next case; <paramref name="index"/> makes its question text unique.</summary>
    public FuzzCase Next(int index)
    {
        var roll = random.NextDouble();
        if (roll < 0.03)
        {
            return Fixed("non-object", NonObjects[random.Next(NonObjects.Length)]);
        }

        if (roll < 0.06 && _rendered.Count > 0)
        {
            // Telegram redelivering an update: the very same JSON, the same update_id.
            return Fixed("redelivery", _rendered[random.Next(_rendered.Count)]);
        }

        var (shape, body, expected) = Shape(index);
        var applied = new List<string>();
        if (expected is FuzzExpectation.Echo && random.NextDouble() < 0.2)
        {
            applied.Add(AppendToText(body, OddUnicode[random.Next(OddUnicode.Length)]));
        }

        var mutationCount = random.NextDouble() < 0.4 ? 0 : random.Next(1, 4);
        for (var i = 0; i < mutationCount; i++)
        {
            applied.Add(Mutate(body, Mutations[random.Next(Mutations.Length)]));
        }

        var idMutation = random.NextDouble() switch
        {
            < 0.02 => "drop-update_id",
            < 0.04 => "wrong-type-update_id",
            < 0.06 when _ids.Count > 0 => "earlier-update_id",
            _ => null,
        };
        if (idMutation is not null)
        {
            applied.Add(idMutation);
        }

        var earlierId = _ids.Count > 0 ? _ids[random.Next(_ids.Count)] : 0;
        var wrongId = WrongKindValue(JsonValueKind.Number);
        var keepsValid = applied.All(Harmless.Contains);
        return new FuzzCase(shape, applied, id => Remember(id, idMutation switch
        {
            "drop-update_id" => Render(body, withId: false, null),
            "wrong-type-update_id" => Render(body, withId: true, wrongId),
            "earlier-update_id" => Render(body, withId: true, earlierId),
            _ => Render(body, withId: true, id),
        }), keepsValid ? expected : null);
    }

    /// <summary>Every JSON handed out so far, in order.</summary>
    public IReadOnlyList<string> Rendered => _rendered;

    /// <summary>The shapes the bot meets, in the proportions of a lively bot: mostly text.</summary>
    private (string Shape, JsonObject Body, FuzzExpectation? Expected) Shape(int index)
    {
        var userId = FirstUserId + random.Next(Users);
        var groupId = random.Next(2) == 0 ? -100_000 - random.Next(Groups) : -1_000_000_000_100 - random.Next(Groups);
        var language = random.Next(3) == 0 ? "fa" : "en";
        var token = $"fz{index:D5}x";
        var updates = telegram.Updates;
        switch (random.Next(10))
        {
            case 0 or 1 or 2:
                return ("private-text", Parse(updates.PrivateText(userId, $"question {token} about rivers", language)), new FuzzExpectation.Echo(userId, token));
            case 3:
                return ("group-mention", Parse(updates.GroupText(groupId, userId, $"@{telegram.Bot.Username} question {token} about hills", languageCode: language)),
                    new FuzzExpectation.Echo(groupId, token));
            case 4:
                var command = Parse(updates.GroupText(groupId, userId, $"/help@{telegram.Bot.Username}", languageCode: language));
                return ("group-command", command, new FuzzExpectation.ReplyTo(groupId, command["message"]!["message_id"]!.GetValue<int>()));
            case 5:
                var commandName = new[] { "/start", "/help", "/new", "/reset", "/unknown" }[random.Next(5)];
                return ("private-command", Parse(updates.PrivateText(userId, commandName, language)), null);
            case 6:
                return ("photo", Photo(Parse(updates.PrivateText(userId, $"caption {token}", language))), null);
            case 7:
                return ("edited-message", Edited(Parse(updates.PrivateText(userId, $"edited {token}", language))), null);
            case 8:
                return ("callback-query", CallbackQuery(userId), null);
            default:
                return random.Next(2) == 0
                    ? ("sticker", Parse(updates.Sticker(userId, userId)), null)
                    : ("unknown-kind", Parse(updates.UnknownKind(userId, userId, $"future_kind_{random.Next(5)}")), null);
        }
    }

    private string Mutate(JsonObject body, string mutation)
    {
        switch (mutation)
        {
            case "drop-field":
                if (Pick(body, slot => slot.Parent is JsonObject) is { } dropped)
                {
                    ((JsonObject)dropped.Parent).Remove(dropped.Name!);
                }

                break;
            case "wrong-type":
                if (Pick(body, _ => true) is { } retyped)
                {
                    retyped.Set(WrongKindValue(retyped.Value?.GetValueKind() ?? JsonValueKind.Null));
                }

                break;
            case "extreme-number":
                // Not a chat's id: a reply to a chat that does not exist is the Bot API's refusal, not a parsing matter.
                if (Pick(body, slot => slot.Value?.GetValueKind() == JsonValueKind.Number && !slot.IsChatId) is { } number)
                {
                    number.Set(ExtremeNumbers[random.Next(ExtremeNumbers.Length)].DeepClone());
                }

                break;
            case "huge-string":
                if (Pick(body, slot => slot.Value?.GetValueKind() == JsonValueKind.String) is { } huge)
                {
                    huge.Set(HugeStrings[random.Next(HugeStrings.Length)]);
                }

                break;
            case "odd-unicode":
                if (Pick(body, slot => slot.Value?.GetValueKind() == JsonValueKind.String) is { } odd)
                {
                    odd.Set(odd.Value!.GetValue<string>() + OddUnicode[random.Next(OddUnicode.Length)]);
                }

                break;
            case "lone-surrogate":
                if (Pick(body, slot => slot.Value?.GetValueKind() == JsonValueKind.String) is { } lone)
                {
                    lone.Set(lone.Value!.GetValue<string>() + LoneSurrogateMarker);
                }

                break;
            case "unknown-kind" when body.Count > 0:
                var (kind, content) = body.First();
                body.Remove(kind);
                body[$"fuzz_kind_{random.Next(3)}"] = content;
                break;
            case "unknown-kind":
                break;
            case "extra-field":
                if (Pick(body, slot => slot.Value is JsonObject) is { Value: JsonObject target })
                {
                    target[$"x_fuzz_{random.Next(100)}"] = WrongKindValue(JsonValueKind.Undefined);
                }

                break;
            case "deep-nesting":
                if (body.Select(kind => kind.Value).OfType<JsonObject>().FirstOrDefault() is { } inner)
                {
                    inner["x_fuzz_deep"] = Nested(random.Next(10, MaxNesting + 1));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }

        return mutation;
    }

    private static string AppendToText(JsonObject body, string odd)
    {
        var message = body["message"]!.AsObject();
        message["text"] = message["text"]!.GetValue<string>() + " " + odd;
        return "odd-unicode-in-text";
    }

    /// <summary>A value of any JSON kind but <paramref name="not"/>, nested values included.</summary>
    private JsonNode? WrongKindValue(JsonValueKind not)
    {
        while (true)
        {
            JsonNode? value = random.Next(7) switch
            {
                0 => JsonValue.Create("fuzz"),
                1 => JsonValue.Create(random.Next(2) == 0 ? 12_345 : long.MaxValue),
                2 => new JsonObject { ["nested"] = 1 },
                3 => new JsonArray(1, "two", null),
                4 => JsonValue.Create(random.Next(2) == 0),
                5 => JsonValue.Create(1.5e300),
                _ => null,
            };
            var kind = value?.GetValueKind() ?? JsonValueKind.Null;
            if (kind != not && !(not is JsonValueKind.True or JsonValueKind.False && kind is JsonValueKind.True or JsonValueKind.False))
            {
                return value;
            }
        }
    }

    private JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var level = 0; level < depth; level++)
        {
            node = random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    private Slot? Pick(JsonObject body, Func<Slot, bool> suitable)
    {
        var slots = Slots(body).Where(suitable).ToList();
        return slots.Count == 0 ? null : slots[random.Next(slots.Count)];
    }

    /// <summary>Every value in the tree with the place it sits in.</summary>
    private static IEnumerable<Slot> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    yield return new Slot(obj, name, null, value);
                    if (value is not null)
                    {
                        foreach (var inner in Slots(value))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return new Slot(array, null, i, array[i]);
                    if (array[i] is { } item)
                    {
                        foreach (var inner in Slots(item))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }

    private FuzzCase Fixed(string shape, string json) => new(shape, [shape], id => Remember(id, json), null);

    private string Remember(long id, string json)
    {
        _ids.Add(id);
        _rendered.Add(json);
        return json;
    }

    private static string Render(JsonObject body, bool withId, JsonNode? updateId)
    {
        var update = new JsonObject();
        if (withId)
        {
            update["update_id"] = updateId?.DeepClone();
        }

        foreach (var (name, value) in body)
        {
            update[name] = value?.DeepClone();
        }

        return FakeJson.Write(update).Replace(LoneSurrogateMarker, "\\ud800", StringComparison.Ordinal);
    }

    private static JsonObject Photo(JsonObject update)
    {
        var message = update["message"]!.AsObject();
        message["caption"] = message["text"]!.GetValue<string>();
        message.Remove("text");
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = "AgACAgIAAxkBAAIBQ2", ["file_unique_id"] = "AQADs", ["width"] = 90, ["height"] = 67, ["file_size"] = 1_234 },
            new JsonObject { ["file_id"] = "AgACAgIAAxkBAAIBQ3", ["file_unique_id"] = "AQADt", ["width"] = 1280, ["height"] = 960, ["file_size"] = 98_765 });
        return update;
    }

    private static JsonObject Edited(JsonObject update)
    {
        var message = update["message"]!.AsObject();
        update.Remove("message");
        message["edit_date"] = FakeJson.UnixNow();
        return new JsonObject { ["edited_message"] = message };
    }

    private JsonObject CallbackQuery(long userId)
    {
        var question = Parse(telegram.Updates.PrivateText(userId, "pick one"));
        var message = question["message"]!.AsObject();
        var from = message["from"]!.DeepClone();
        message["from"] = new JsonObject { ["id"] = telegram.Bot.Id, ["is_bot"] = true, ["first_name"] = telegram.Bot.FirstName };
        return new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = $"{random.NextInt64(1, long.MaxValue)}",
                ["from"] = from,
                ["message"] = message.DeepClone(),
                ["chat_instance"] = "-4611686018427387904",
                ["data"] = "choice:1",
            },
        };
    }

    private JsonObject Parse(string json)
    {
        // The fake learns the chats of the update as sent, so whatever the mutations do, a reply can reach the chat.
        telegram.RegisterChatsOf(json);
        return JsonNode.Parse(json)!.AsObject();
    }

    /// <summary>A value and where it sits, so it can be replaced.</summary>
    private sealed record Slot(JsonNode Parent, string? Name, int? Index, JsonNode? Value)
    {
        public bool IsChatId => Name == "id" && Parent.Parent is JsonObject && Parent.GetPropertyName() == "chat";

        public void Set(JsonNode? value)
        {
            if (Parent is JsonObject obj)
            {
                obj[Name!] = value;
            }
            else
            {
                ((JsonArray)Parent)[Index!.Value] = value;
            }
        }
    }
}
