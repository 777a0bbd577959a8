using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Pages.Communications;

/// <summary>What one revision changed, line by line, in every channel variant.</summary>
public sealed class DiffModel(CommunicationService communications, Actor actor) : PageModel
{
    private static readonly Dictionary<string, string> VariantNames = new(StringComparer.Ordinal)
    {
        ["title"] = "Title",
        ["body"] = "Web page body",
        ["emailSubject"] = "Email subject",
        ["emailBody"] = "Email body",
        ["shortText"] = "Short text",
        ["supportFaq"] = "Support FAQ",
    };

    public CommunicationView? Communication { get; private set; }

    public RevisionDiff? Diff { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int n, int? from, CancellationToken cancellationToken)
    {
        try
        {
            Communication = await communications.GetAsync(actor, id, cancellationToken);
            Diff = await communications.DiffAsync(actor, id, n, from, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        return Page();
    }

    public static string VariantName(string variant) => VariantNames.GetValueOrDefault(variant, variant);
}
