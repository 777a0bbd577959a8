using Microsoft.AspNetCore.Mvc;
using SecComms.Core.Identity;
using VulnerabilityRecords = SecComms.Core.Vulnerabilities.Vulnerabilities;

namespace SecComms.Web.Pages.Vulnerabilities;

/// <summary>Records a vulnerability in triage, its scores computed from its vectors.</summary>
[VulnerabilityTeamsOnly]
[WritersOnly]
public sealed class NewModel(VulnerabilityRecords vulnerabilities, Actor actor) : VulnerabilityEditorModel
{
    private const int StartingRanges = 2;

    public void OnGet()
    {
        Form.Affected.AddRange(Enumerable.Range(0, StartingRanges).Select(_ => new RangeRow()));
        Form.AddSpareRows();
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SaveAsync(async form =>
        {
            var created = await vulnerabilities.CreateAsync(actor, form.ToInput(), cancellationToken);
            TempData[PageSupport.FlashKey] = $"{created.Reference} was recorded in triage.";
            return RedirectToPage("/Vulnerabilities/Details", new { id = created.Id });
        }, cancellationToken);

    protected override Task<IActionResult> ShowAsync(CancellationToken cancellationToken) => Task.FromResult<IActionResult>(Page());
}
