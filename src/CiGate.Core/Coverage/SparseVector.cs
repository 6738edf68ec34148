namespace CiGate.Core.Coverage;

/// <summary>A sparse, L2-normalised vector: feature indices ascending, one weight each.</summary>
public sealed record SparseVector(int[] Indices, float[] Values)
{
    /// <summary>Dot product with a dense vector of at least the largest index + 1 entries.</summary>
    public float Dot(ReadOnlySpan<float> dense)
    {
        var sum = 0f;
        for (var i = 0; i < Indices.Length; i++)
        {
            sum += Values[i] * dense[Indices[i]];
        }

        return sum;
    }
}
