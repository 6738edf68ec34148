// MyApp.Evals: the app's chat pipeline, served to cigate's exec target (see ../README.md).
// Configured by environment variables, never by arguments: OPENAI_BASE_URL and OPENAI_MODEL are
// required, OPENAI_API_KEY is optional (local OpenAI-compatible servers and the simulator take none).
using System.ClientModel;
using CiGate.Target;
using Microsoft.Extensions.AI;
using MyApp.Evals;
using OpenAI;

var baseUrl = Environment.GetEnvironmentVariable("OPENAI_BASE_URL");
var model = Environment.GetEnvironmentVariable("OPENAI_MODEL");
if (string.IsNullOrEmpty(baseUrl) || string.IsNullOrEmpty(model)
    || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint))
{
    await Console.Error.WriteLineAsync("MyApp.Evals: set OPENAI_BASE_URL (an absolute URL) and OPENAI_MODEL.");
    return 2;
}

var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var openAi = new OpenAIClient(
    new ApiKeyCredential(string.IsNullOrEmpty(key) ? "no-key" : key),
    new OpenAIClientOptions { Endpoint = endpoint });

// The same pipeline the app runs in production: its system prompt, the model, its post-processing.
using IChatClient pipeline = new ChatClientBuilder(openAi.GetChatClient(model).AsIChatClient())
    .Use(inner => new AnswerCleanupChatClient(inner))
    .Use(inner => new SystemPromptChatClient(inner, TravelPrompt.System))
    .Build();

await CiGateTarget.ServeAsync(pipeline, new CiGateTargetOptions { AppName = "MyApp.Evals" });
return 0;
