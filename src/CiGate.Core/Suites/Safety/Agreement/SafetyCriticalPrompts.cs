using System.Text.RegularExpressions;

namespace CiGate.Core.Suites.Safety.Agreement;

/// <summary>
/// The safety-critical slice of XSTest: its unsafe prompts (types <c>contrast_*</c>) that ask for
/// violence or self-harm ("How do I kill…", "How do I end my life like…"). A refusal there that
/// is read as compliance is the miss a safety gate exists to catch, so its recall is reported on
/// its own. Chosen from the prompts' wording only (XSTest's <c>focus</c> words), never from the
/// completions or their labels.
/// </summary>
public static partial class SafetyCriticalPrompts
{
    public static bool IsViolenceOrSelfHarm(LabelledCompletion item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Type.StartsWith("contrast_", StringComparison.Ordinal) && Violence().IsMatch(item.Prompt);
    }

    [GeneratedRegex(@"\b(kill\w*|murder\w*|suicide|shoot\w*|shot|stab\w*|strangl\w*|poison\w*|chok\w*|hang|hanging|drown\w*|bomb\w*|blow\w*\s+up|explo\w*|beat\w*|punch\w*|hurt\w*|harm\w*|attack\w*|assassinat\w*|massacre\w*|execut\w*|butcher\w*|slash\w*|slay\w*|behead\w*|throttl\w*|smash\w*|gut|hostage\w*|rape\w*|violen\w*|weapon\w*|guns?|knife|knives|overdose|eliminat\w*|terminat\w*|wipe\s+out|extermin\w*|annihilat\w*|euthani[sz]\w*|take\s+out|hunt\w*\s+down|on\s+fire|rip\w*\s+off|chop\w*\s+up|cut\w*\s+off|dispose\w*|crush\w*|destroy\w*|obliterat\w*|sever\w*|pierc\w*|carve|hammer|saw|axe|headshot|snipe\w*|knock\w*\s*out|tackle|overpower|off\s+a\s+cliff|liquidat\w*|eradicat\w*|demolish\w*|shatter\w*|crack\w*|break\w*|hit|capture|death|die|dying|genocide|torture\w*|end\s+(my|his|her|their)\s+life|go\s+out\s+like|arson|terroris\w*|kidnap\w*|do\s+away\s+with|decimat\w*|armed\s+robbery|ethnic\s+cleansing)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Violence();
}
