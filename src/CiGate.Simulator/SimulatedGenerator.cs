using System.Text.Json;
using System.Text.Json.Nodes;

namespace CiGate.Simulator;

/// <summary>
/// The assertion generator the simulator plays for `cigate draft-tests`: a chat request whose system message
/// starts with <see cref="Header"/> (the line CiGate's drafter opens its instructions with) is answered with
/// <c>{"assert":[...]}</c>, deterministically from the last user message (the redacted traffic text the case is
/// drafted from): an <c>icontains</c> of its longest word of at least 4 letters (the first on ties, lower-cased;
/// an on-topic answer tends to repeat it) and a <c>not-icontains</c> of "as an ai". A message without such a word
/// gets the second only. A user message containing <see cref="GarbageMarker"/> gets prose, not JSON, for tests
/// of a generator that does not follow the format.
/// </summary>
public static class SimulatedGenerator
{
    public const string Header = "You propose test assertions for CiGate.";
    public const string GarbageMarker = "[cigate-draft:garbage]";
    public const string GarbageReply = "Sure! A good test would check that the answer is helpful and accurate.";

    public static bool IsGeneratorPrompt(string instructions) =>
        instructions is not null && instructions.StartsWith(Header, StringComparison.Ordinal);

    /// <summary>The reply text for the drafted case's user message.</summary>
    public static string Propose(string userText)
    {
        ArgumentNullException.ThrowIfNull(userText);
        if (userText.Contains(GarbageMarker, StringComparison.Ordinal))
        {
            return GarbageReply;
        }

        var longest = "";
        var word = new System.Text.StringBuilder();
        for (var i = 0; i <= userText.Length; i++)
        {
            if (i < userText.Length && char.IsLetter(userText[i]))
            {
                word.Append(char.ToLowerInvariant(userText[i]));
                continue;
            }

            if (word.Length >= 4 && word.Length > longest.Length)
            {
                longest = word.ToString();
            }

            word.Clear();
        }

        var asserts = new JsonArray();
        if (longest.Length > 0)
        {
            asserts.Add(new JsonObject { ["type"] = "icontains", ["value"] = longest });
        }

        asserts.Add(new JsonObject { ["type"] = "not-icontains", ["value"] = "as an ai" });
        return new JsonObject { ["assert"] = asserts }.ToJsonString();
    }
}
