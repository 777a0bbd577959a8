using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
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

    public IReadOnlyList<VulnerabilityView> Results { get; private set; } = [];

    public bool CanWrite => actor.CanWrite;

    public bool Filtered => Status is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await vulnerabilities.ListAsync(actor, new VulnerabilityFilter(Status, null, Search), cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
        }
    }
}
