using System.Text.RegularExpressions;

namespace Frontline.Tests.Foundation;

/// <summary>
/// Folder dependencies point one way: features (Volunteers, Sites, DailyCounts, Bulletins, …) use the shared layers,
/// and the shared layers use no feature. The library's root (AddFrontline, FrontlineOptions) composes them all and
/// is exempt. Read from the source, so a reference inside a method body counts as much as one in a signature.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string[] SharedLayers = ["Storage", "Http", "Security", "Queues", "Scheduling", "Hosting", "Telemetry"];

    private static readonly string Library = Path.Combine(HostParityTests.RepoRoot(), "functions", "Frontline");

    public static TheoryData<string> Layers() => [.. SharedLayers];

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_shared_layer_references_no_feature(string layer)
    {
        var features = Directory.GetDirectories(Library).Select(Path.GetFileName).OfType<string>()
            .Where(folder => folder is not ("bin" or "obj") && !SharedLayers.Contains(folder)).ToList();
        Assert.Contains("Volunteers", features);
        var reference = new Regex($@"\bFrontline\.({string.Join("|", features)})\b|(?<![\w.])({string.Join("|", features)})\.[A-Z]\w*");

        var offences = Directory.GetFiles(Path.Combine(Library, layer), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(entry => !entry.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !entry.line.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Where(entry => reference.IsMatch(entry.line))
            .Select(entry => $"{Path.GetRelativePath(Library, entry.file)}:{entry.index + 1}: {entry.line.Trim()}")
            .ToList();

        Assert.True(offences.Count == 0, $"{layer} references a feature:\n{string.Join("\n", offences)}");
    }
}
