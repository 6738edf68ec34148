using System.Runtime.InteropServices;

namespace CiGate.Core.Targets;

/// <summary>
/// Packs embedding vectors into one string so an embeddings response travels through the same
/// retry loop and response cache as a completion's text: "dimensions:count:" + base64 of the floats.
/// </summary>
internal static class EmbeddingsCodec
{
    public static string Encode(IReadOnlyList<float[]> vectors)
    {
        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        var all = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i].Length != dimensions)
            {
                throw new FormatException("embedding vectors of different lengths in one response");
            }

            vectors[i].CopyTo(all, i * dimensions);
        }

        return $"{dimensions}:{vectors.Count}:{Convert.ToBase64String(MemoryMarshal.AsBytes(all.AsSpan()))}";
    }

    public static IReadOnlyList<float[]> Decode(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length != 3 || !int.TryParse(parts[0], out var dimensions) || !int.TryParse(parts[1], out var count))
        {
            throw new FormatException("not an encoded embeddings response");
        }

        var all = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(parts[2])).ToArray();
        if (all.Length != dimensions * count)
        {
            throw new FormatException("encoded embeddings have the wrong length");
        }

        return [.. Enumerable.Range(0, count).Select(i => all.AsSpan(i * dimensions, dimensions).ToArray())];
    }
}
