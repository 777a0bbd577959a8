using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Policy;

/// <summary>A line of the YAML sent, shown because a problem is on it or near it; <see cref="Gap"/> marks lines left out before it.</summary>
public sealed record ProblemLine(long Number, string Text, IReadOnlyList<string> Problems, bool Gap);

/// <summary>
/// The policy's YAML in a text area, for administrators. Sending it puts it in force as the API does; a policy with any
/// problem is refused whole, and every problem is shown beside its line.
/// </summary>
[PolicyAdministratorsOnly]
public sealed class EditModel(PolicyVersions versions, PolicyStore store, Actor actor) : PageModel
{
    /// <summary>Lines shown around each line with a problem.</summary>
    private const int Context = 2;

    [BindProperty]
    public string? Yaml { get; set; }

    public IReadOnlyList<PolicyProblem> Problems { get; private set; } = [];

    public IReadOnlyList<ProblemLine> Lines { get; private set; } = [];

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public void OnGet() => Yaml = store.Yaml;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Browsers send a text area's lines ended by CR LF; the policy is kept as it is read and hashed elsewhere, with LF.
        var yaml = (Yaml ?? "").ReplaceLineEndings("\n");
        var previous = (await versions.ListAsync(cancellationToken)).FirstOrDefault(v => v.Hash == store.Current.Hash);
        try
        {
            var version = await versions.ReplaceAsync(actor, yaml, PolicyChannel.Page, cancellationToken);
            Flash = $"Version {version.Version} is the policy in force.";
            return previous is null
                ? RedirectToPage("/Policy/Versions")
                : RedirectToPage("/Policy/Diff", new { from = previous.Version, to = version.Version });
        }
        catch (PolicyValidationException e)
        {
            Problems = e.Problems;
            Lines = Near(yaml.Split('\n'), e.Problems);
            return Page();
        }
    }

    private static List<ProblemLine> Near(string[] lines, IReadOnlyList<PolicyProblem> problems)
    {
        var byLine = problems.GroupBy(p => Math.Clamp(p.Line, 1, Math.Max(1, lines.Length)))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Message)]);
        var shown = new SortedSet<long>(byLine.Keys.SelectMany(n => Enumerable.Range((int)Math.Max(1, n - Context), Context * 2 + 1).Select(i => (long)i))
            .Where(n => n <= lines.Length));
        var result = new List<ProblemLine>();
        long last = 0;
        foreach (var n in shown)
        {
            result.Add(new ProblemLine(n, lines.Length >= n ? lines[n - 1] : "", byLine.GetValueOrDefault(n, []), Gap: n > last + 1));
            last = n;
        }
        return result;
    }
}
