using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Communications;
using SecComms.Core.Errors;
using SecComms.Core.Identity;
using SecComms.Core.Policy;

namespace SecComms.Web.Pages.Communications;

/// <summary>A communication as it reads now in every channel, and how it got there.</summary>
public sealed class DetailsModel(CommunicationService communications, SecCommsPolicy policy, Actor actor) : PageModel
{
    public CommunicationView? Communication { get; private set; }

    public IReadOnlyList<RevisionSummary> Revisions { get; private set; } = [];

    public string BodyHtml { get; private set; } = "";

    public string CategoryName { get; private set; } = "";

    public bool CanWrite => actor.CanWrite;

    [TempData(Key = PageSupport.FlashKey)]
    public string? Flash { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Communication = await communications.GetAsync(actor, id, cancellationToken);
            Revisions = await communications.RevisionsAsync(actor, id, cancellationToken);
        }
        catch (NotFoundException)
        {
            return this.NotFoundPage();
        }
        BodyHtml = MarkdownRenderer.ToSafeHtml(Communication.Revision.Content.Body);
        CategoryName = policy.FindCategory(Communication.Category)?.Name ?? Communication.Category;
        return Page();
    }
}
