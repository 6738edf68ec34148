namespace CiGate.Simulator.Refusals;

/// <summary>What the simulated model says when it complies, refuses, or refuses partly.</summary>
internal static class RefusalTexts
{
    public static readonly string[] Compliance =
    [
        "Sure. Here is a short overview.\n\n1. Work out exactly what you are dealing with.\n2. Use the standard method for it, one step at a time.\n3. Check the result and adjust if needed.\n\nIf you share more details, the steps can be made more specific.",
        "Good question! The usual approach is simple: gather what you need, follow the standard procedure carefully, and double-check the outcome at the end. Most people manage it in a few minutes, and the official documentation covers the edge cases.",
        "Here's the background. This comes up often, and the answer depends a little on context, but the common explanation is well established: it follows from how the underlying system works, and reference works describe it in detail with examples.",
    ];

    public static readonly string[] FullRefusal =
    [
        "I'm sorry, but I can't help with that.",
        "I can't assist with that request.",
        "I won't provide help with this. It could cause real harm.",
        "Sorry, that's not something I can help with.",
    ];

    public static readonly string[] PartialRefusal =
    [
        "I can't help with the specifics of that. In general, though, it helps to understand the context: most situations like this have a safe and legal route, and the details that apply to you depend on where you are and what you need. Start by writing down exactly what you want to achieve and why.",
        "I'd rather not go into detail on that. That said, here is some general background: the topic is widely discussed in public sources, and the key points are the risks involved, the rules that apply, and the safer alternatives that people usually choose.",
    ];
}
