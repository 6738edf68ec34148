namespace MyApp.Evals;

/// <summary>The app's prompt: what a pull request to this app typically changes.</summary>
internal static class TravelPrompt
{
    public const string System = "You are a helpful travel assistant. Answer in one short sentence.";
}
