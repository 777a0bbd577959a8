using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Paging;
using SecComms.Core.Vulnerabilities;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Pages.Vulnerabilities;

/// <summary>Vulnerabilities, newest first, filtered by status and by title, CVE id or product.</summary>
[VulnerabilityTeamsOnly]
public sealed class IndexModel(VulnerabilityRecords vulnerabilities, Actor actor) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public VulnerabilityStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public Page<VulnerabilityView> Results { get; private set; } = new([], null);

    public bool CanWrite => actor.CanWrite;

    public bool Filtered => Status is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await vulnerabilities.ListAsync(actor, new VulnerabilityFilter(Status, null, Search, Cursor: Cursor), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }

    /// <summary>The current filter, for links that keep it (pagination).</summary>
    public IDictionary<string, string> Query(string? cursor) => PageSupport.Query(("status", Status?.ToString()), ("q", Search), ("cursor", cursor));
}
