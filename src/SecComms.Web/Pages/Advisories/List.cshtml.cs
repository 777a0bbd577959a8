using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Advisories;
using SecComms.Core.Errors;
using SecComms.Web.Advisories;

namespace SecComms.Web.Pages.Advisories;

/// <summary>The public list of published advisories, newest first, searched and filtered by anyone.</summary>
/// <remarks>
/// The filters are plain query parameters of a GET form, so every filtered page has an address to share and to keep.
/// The text searched for is free, so such a page is never kept in memory; the other parameters take only the values
/// the site lists.
/// </remarks>
[AllowAnonymous]
[PublicResponse("severity", "product", "year", "cursor", Unkept = ["q"])]
public sealed class ListModel(PublicEntries entries, PublicSite site) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "severity")]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "product")]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "year")]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public PublicEntryFilter Filter { get; private set; } = PublicEntryFilter.None;

    public PublicFilterChoices Choices { get; private set; } = new([], []);

    public PublicEntryPage Results { get; private set; } = new([], null, DateTimeOffset.UnixEpoch);

    public PublicSite Site => site;

    /// <summary>The feed of the product the list is narrowed to, once it is one the site lists.</summary>
    public Uri? ProductFeed => ModelState.IsValid && Filter.Product is { } product ? site.FeedOf(product) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Choices = await entries.ChoicesAsync(cancellationToken);
        try
        {
            Filter = PublicEntryFilter.Parse(Query, Severity, Product, Year);
            Results = await entries.ListAsync(Filter, Cursor, PageSize, cancellationToken);
        }
        catch (ValidationException e)
        {
            ModelState.AddErrors(e);
            var refused = Page();
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }
        if (!Filter.IsEmpty && Results.Items.Count == 0)
        {
            PublicOutputCache.DoNotKeep(HttpContext);
        }
        Response.GetTypedHeaders().LastModified = Results.LastModified;
        ViewData["Canonical"] = Filter.IsEmpty && string.IsNullOrEmpty(Cursor) ? site.List : null;
        return Page();
    }
}
