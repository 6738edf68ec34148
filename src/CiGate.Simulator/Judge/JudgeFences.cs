namespace CiGate.Simulator.Judge;

/// <summary>
/// The last complete fence with a given label in a judge prompt (```response, ```output), parsed like
/// <see cref="JudgePrompt"/>: opened by three or more backticks and the label, closed only by a line
/// of at least as many backticks.
/// </summary>
internal static class JudgeFences
{
    public static string? Last(string text, string label)
    {
        string? found = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var ticks = line.TakeWhile(c => c == '`').Count();
            if (ticks < 3 || line[ticks..].Trim() != label)
            {
                continue;
            }

            for (var j = i + 1; j < lines.Length; j++)
            {
                var close = lines[j].Trim();
                if (close.Length >= ticks && close.All(c => c == '`'))
                {
                    found = string.Join('\n', lines[(i + 1)..j]).TrimEnd('\r');
                    i = j;
                    break;
                }
            }
        }

        return found;
    }
}
