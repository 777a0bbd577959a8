namespace SecComms.Core.Communications;

public enum DiffOp
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(DiffOp Op, string Text);

/// <summary>A line-by-line diff on the longest common subsequence.</summary>
public static class LineDiff
{
    /// <remarks>Beyond this many cells the middle is shown as replaced whole rather than spending memory on the table.</remarks>
    private const long MaxTableCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compare(string before, string after)
    {
        var a = Split(before);
        var b = Split(after);
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var lines = new List<DiffLine>(a.Length + b.Length);
        lines.AddRange(a[..prefix].Select(l => new DiffLine(DiffOp.Same, l)));
        lines.AddRange(Middle(a[prefix..^suffix], b[prefix..^suffix]));
        lines.AddRange(a[(a.Length - suffix)..].Select(l => new DiffLine(DiffOp.Same, l)));
        return lines;
    }

    private static IEnumerable<DiffLine> Middle(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > MaxTableCells)
        {
            return a.Select(l => new DiffLine(DiffOp.Removed, l)).Concat(b.Select(l => new DiffLine(DiffOp.Added, l)));
        }
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var result = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add(new DiffLine(DiffOp.Same, a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                result.Add(new DiffLine(DiffOp.Removed, a[x++]));
            }
            else
            {
                result.Add(new DiffLine(DiffOp.Added, b[y++]));
            }
        }
        return result;
    }

    private static string[] Split(string text) => text.Length == 0 ? [] : text.Split('\n');
}
