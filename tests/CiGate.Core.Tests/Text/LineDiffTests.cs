using CiGate.Core.Text;

namespace CiGate.Core.Tests.Text;

public sealed class LineDiffTests
{
    [Fact]
    public void A_changed_line_shows_removal_then_addition_with_context()
    {
        var before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        var after = "a\nb\nc\nd\nE\nf\ng\nh\n";

        var diff = LineDiff.Unified(before, after);

        Assert.Equal("@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h", diff);
    }

    [Fact]
    public void Far_apart_changes_make_separate_hunks_and_near_ones_merge()
    {
        var lines = Enumerable.Range(1, 20).Select(i => $"line {i}").ToList();
        var changed = lines.ToList();
        changed[1] = "changed 2";
        changed[17] = "changed 18";
        var near = lines.ToList();
        near[5] = "changed 6";
        near[10] = "changed 11";

        var far = LineDiff.Unified(string.Join('\n', lines), string.Join('\n', changed))!;
        var close = LineDiff.Unified(string.Join('\n', lines), string.Join('\n', near))!;

        Assert.Equal(2, far.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
        Assert.Single(close.Split('\n'), l => l.StartsWith("@@", StringComparison.Ordinal));
    }

    [Fact]
    public void Added_lines_at_the_end_and_identical_texts()
    {
        Assert.Equal("@@ -1 +1,2 @@\n a\n+b", LineDiff.Unified("a", "a\nb"));
        Assert.Equal("@@ -0,0 +1 @@\n+new", LineDiff.Unified("", "new"));
        Assert.Equal("", LineDiff.Unified("same\ntext", "same\r\ntext\n"));

        // A lone newline is one empty line, not no lines.
        Assert.Equal("@@ -0,0 +1 @@\n+", LineDiff.Unified("", "\n"));
        Assert.Equal("@@ -1,2 +1 @@\n-\n x", LineDiff.Unified("\nx", "x"));
    }

    [Fact]
    public void Texts_too_long_are_not_diffed()
    {
        var big = string.Join('\n', Enumerable.Range(0, LineDiff.MaxLines + 1));

        Assert.Null(LineDiff.Unified(big, "x"));
    }
}
