using System.Security.Cryptography;

namespace CiGate.Core.Results;

/// <summary>
/// What results.json records about its items.jsonl: how many complete lines it had and the
/// SHA-256 of their bytes. `compare` and `merge` check a folder's items against it, so a
/// truncated or edited items file is refused instead of read as "items only in base".
/// </summary>
public sealed record ItemsDigest(long Lines, long Bytes, string Sha256)
{
    public static readonly ItemsDigest Empty = Of([], 0);

    /// <summary>The digest of the first <paramref name="length"/> bytes (complete lines only) holding <paramref name="lines"/> records.</summary>
    public static ItemsDigest Of(ReadOnlySpan<byte> bytes, long lines) =>
        new(lines, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)));
}
