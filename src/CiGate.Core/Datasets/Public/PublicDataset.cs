namespace CiGate.Core.Datasets.Public;

/// <summary>
/// A public dataset a preset reads: where it is published, under which licence, and the files
/// CiGate can fetch with the SHA-256 each must have. <see cref="Files"/> is empty when the
/// publisher's format is not the one the preset reads (<see cref="Note"/> says what to do).
/// </summary>
public sealed record PublicDataset(
    string Name,
    string Preset,
    string Description,
    string Source,
    string Licence,
    string PresetPath,
    IReadOnlyList<PublicDatasetFile> Files,
    string? Note = null);

/// <summary>One file: its path under the dataset's folder, the address it is published at, its SHA-256.</summary>
public sealed record PublicDatasetFile(string Path, Uri Url, string Sha256);
