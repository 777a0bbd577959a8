using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Policy;

/// <summary>One line of a diff as shown: its numbers in the older and newer text, or, with <see cref="Skipped"/>, a run of unchanged lines left out.</summary>
public sealed record DiffRow(DiffOp Op, int? Old, int? New, string Text, int Skipped = 0);

/// <summary>How the YAML of one policy version differs from another's, line by line; one version whole when both are the same.</summary>
public sealed class DiffModel(PolicyVersions versions) : PageModel
{
    /// <summary>Unchanged lines shown around each change.</summary>
    private const int Context = 3;

    [BindProperty(SupportsGet = true, Name = "from")]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public int? To { get; set; }

    public PolicyVersionDiff? Diff { get; private set; }

    public IReadOnlyList<DiffRow> Rows { get; private set; } = [];

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public bool Whole => Diff is { } d && d.From.Version == d.To.Version;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var to = To ?? (await versions.ListAsync(cancellationToken)) switch { [var newest, ..] => newest.Version, _ => 0 };
        var from = From ?? Math.Max(1, to - 1);
        try
        {
            Diff = await versions.DiffAsync(from, to, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        Rows = Whole ? Number(Diff.Lines) : Collapse(Number(Diff.Lines));
        return Page();
    }

    private static List<DiffRow> Number(IReadOnlyList<DiffLine> lines)
    {
        var rows = new List<DiffRow>(lines.Count);
        int old = 0, current = 0;
        foreach (var line in lines)
        {
            rows.Add(line.Op switch
            {
                DiffOp.Added => new DiffRow(line.Op, null, ++current, line.Text),
                DiffOp.Removed => new DiffRow(line.Op, ++old, null, line.Text),
                _ => new DiffRow(line.Op, ++old, ++current, line.Text),
            });
        }
        return rows;
    }

    /// <summary>Keeps every change and <see cref="Context"/> lines around it; each longer run of unchanged lines becomes one row saying how many.</summary>
    private static List<DiffRow> Collapse(List<DiffRow> rows)
    {
        var near = new bool[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Op != DiffOp.Same)
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(rows.Count - 1, i + Context); j++)
                {
                    near[j] = true;
                }
            }
        }
        var shown = new List<DiffRow>();
        for (var i = 0; i < rows.Count;)
        {
            if (near[i])
            {
                shown.Add(rows[i++]);
                continue;
            }
            var start = i;
            while (i < rows.Count && !near[i])
            {
                i++;
            }
            shown.Add(new DiffRow(DiffOp.Same, rows[start].Old, rows[start].New, "", Skipped: i - start));
        }
        return shown;
    }
}
