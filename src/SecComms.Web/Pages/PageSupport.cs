using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using SecComms.Core.Communications;
using SecComms.Core.Errors;

namespace SecComms.Web.Pages;

/// <summary>What every page does the same way: field errors from Core, the not-found and forbidden pages, times shown in UTC.</summary>
internal static class PageSupport
{
    public const string FlashKey = "flash";

    /// <summary>Shows each Core field error, in the form's words, beside its input, or at the top of the form when the page has no such input.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationException exception, params string[] fields)
    {
        foreach (var (key, messages) in exception.Errors)
        {
            var field = fields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) ?? "";
            foreach (var message in messages)
            {
                modelState.AddModelError(field, PlainWords.For(key, message));
            }
        }
    }

    /// <summary>Shows each Core field error, in the form's words, beside the input <paramref name="inputOf"/> names for it (empty: at the top of the form).</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationException exception, Func<string, string> inputOf)
    {
        foreach (var (key, messages) in exception.Errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(inputOf(key), PlainWords.For(key, message));
            }
        }
    }

    /// <summary>Shows why Core refused, in the words of the page, at the top of the form.</summary>
    public static void AddRefusal(this ModelStateDictionary modelState, Exception refusal) =>
        modelState.AddModelError("", PlainWords.Of(refusal.Message));

    /// <summary>The input of a Core field on a form bound to the property <paramref name="model"/>: <c>Contact.Email</c> for <c>email</c>.</summary>
    public static string InputOf(string model, string field) => $"{model}.{char.ToUpperInvariant(field[0])}{field[1..]}";

    /// <remarks>A page answers 404 with the site's layout, not a bare status, and says no more than that nothing is there.</remarks>
    public static IActionResult NotFoundPage(this PageModel page) =>
        new PartialViewResult { ViewName = "_NotFound", ViewData = page.ViewData, StatusCode = StatusCodes.Status404NotFound };

    /// <summary>403 with the site's layout, saying that viewers cannot change anything.</summary>
    public static IActionResult ForbiddenPage() =>
        new PartialViewResult { ViewName = "_Forbidden", StatusCode = StatusCodes.Status403Forbidden };

    /// <summary>403 with the site's layout and the reason the person may not use the page.</summary>
    public static IActionResult NotAllowedPage(HttpContext context, string reason) =>
        new PartialViewResult
        {
            ViewName = "_NotAllowed",
            ViewData = new ViewDataDictionary<string>(context.RequestServices.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary()) { Model = reason },
            StatusCode = StatusCodes.Status403Forbidden,
        };

    /// <summary>A status as people read it, e.g. "In review".</summary>
    public static string StatusName(CommunicationStatus status) => status switch
    {
        CommunicationStatus.InReview => "In review",
        CommunicationStatus.NoPublicNotification => "No public notification",
        _ => status.ToString(),
    };

    /// <summary>The CSS class of a status badge: each status has its own colours, and its name is always written out.</summary>
    public static string StatusClass(CommunicationStatus status) => "status status-" + status.ToString().ToLowerInvariant();

    /// <summary>Route values for a link that keeps a list's filters, leaving out those not set.</summary>
    public static IDictionary<string, string> Query(params (string Key, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
