using SecComms.Core.Communications;

namespace SecComms.Core.Tests.Communications;

public sealed class LineDiffTests
{
    private static string[] Render(string before, string after) =>
        [.. LineDiff.Compare(before, after).Select(l => l.Op switch { DiffOp.Added => "+", DiffOp.Removed => "-", _ => " " } + l.Text)];

    [Fact]
    public void Identical_text_has_only_unchanged_lines() =>
        Assert.Equal([" a", " b"], Render("a\nb", "a\nb"));

    [Fact]
    public void A_changed_line_shows_as_removed_then_added_between_unchanged_context() =>
        Assert.Equal([" intro", "-Upgrade soon.", "+Upgrade now.", " thanks"], Render("intro\nUpgrade soon.\nthanks", "intro\nUpgrade now.\nthanks"));

    [Fact]
    public void Insertions_and_deletions_keep_the_common_lines_in_order() =>
        Assert.Equal([" a", "-b", " c", "+d", " e"], Render("a\nb\nc\ne", "a\nc\nd\ne"));

    [Fact]
    public void Text_from_nothing_is_all_added() =>
        Assert.Equal(["+one", "+two"], Render("", "one\ntwo"));

    [Fact]
    public void Very_large_rewrites_fall_back_to_replacing_the_middle_whole()
    {
        var before = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"old {i}"));
        var after = string.Join('\n', Enumerable.Range(0, 3000).Select(i => $"new {i}"));

        var lines = LineDiff.Compare("head\n" + before, "head\n" + after);

        Assert.Equal(6001, lines.Count);
        Assert.Equal(DiffOp.Same, lines[0].Op);
        Assert.Equal(3000, lines.Count(l => l.Op == DiffOp.Removed));
    }
}
