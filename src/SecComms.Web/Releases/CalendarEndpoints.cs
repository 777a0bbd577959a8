using SecComms.Core.Releases.Calendar;
using SecComms.Web.Advisories;

namespace SecComms.Web.Releases;

/// <summary>The release calendar: next releases through the API, and the next twelve months as a public iCalendar feed.</summary>
public static class CalendarEndpoints
{
    public const string IcsPath = "/releases/calendar.ics";
    public const int IcsMonths = 12;

    public static RouteGroupBuilder MapReleaseCalendarEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/releases/calendar", (int? count, DateOnly? from, ReleaseCalendar calendar) => TypedResults.Ok(calendar.Next(count, from)))
            .WithTags("Releases")
            .WithName("GetReleaseCalendar")
            .WithSummary("The next releases the calendar rules give (count 1 to 100, default 12): from a date (yyyy-MM-dd, in the calendar's time zone) when given, else those still ahead.")
            .ProducesValidationProblem();
        return api;
    }

    /// <remarks>
    /// Anonymous and cacheable like the rest of the public site. DTSTAMP and Last-Modified are the start of today (UTC)
    /// rather than the moment of the request, so the bytes, and with them the ETag, stay the same all day: the calendar's
    /// content changes at most once a day, as its twelve-month window moves.
    /// </remarks>
    public static IEndpointRouteBuilder MapPublicReleaseCalendar(this IEndpointRouteBuilder app)
    {
        app.MapMethods(IcsPath, [HttpMethods.Get, HttpMethods.Head], async Task (ReleaseCalendar calendar, PublicSite site, TimeProvider time,
                HttpResponse response, CancellationToken ct) =>
            {
                var stamp = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
                var info = new ICalendarInfo($"{site.Title}: release calendar", site.List.Host, stamp);
                response.GetTypedHeaders().LastModified = stamp;
                response.ContentType = ICalendarWriter.MediaType + "; charset=utf-8";
                await response.Body.WriteAsync(ICalendarWriter.Write(calendar.Months(IcsMonths), info), ct);
            })
            .AllowAnonymous()
            .WithMetadata(new PublicResponseAttribute())
            .WithName("ReleaseCalendarIcs")
            .WithSummary("The next twelve months of releases as an iCalendar (RFC 5545) feed.")
            .ExcludeFromDescription();
        return app;
    }
}
