namespace CiGate.Core.Targets;

/// <summary>Embedding vectors, one per input in input order, and the model the server says produced them.</summary>
public sealed record Embeddings(IReadOnlyList<float[]> Vectors, string? ServedModel, bool FromCache);
