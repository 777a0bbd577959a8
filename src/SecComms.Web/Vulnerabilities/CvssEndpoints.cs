using SecComms.Core.Errors;
using SecComms.Core.Vulnerabilities.Cvss;

namespace SecComms.Web.Vulnerabilities;

/// <summary>CVSS scoring for the vulnerability editor's live score.</summary>
public static class CvssEndpoints
{
    /// <param name="Vector">A CVSS 3.1 or 4.0 vector string, such as <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>.</param>
    public sealed record CvssScoreRequest(string? Vector);

    /// <param name="Version">"3.1" or "4.0".</param>
    /// <param name="BaseScore">0.0 to 10.0; for 4.0 the threat and environmental metrics in the vector count.</param>
    /// <param name="Severity">None, Low, Medium, High or Critical.</param>
    public sealed record CvssScoreView(string Version, decimal BaseScore, string Severity);

    public static RouteGroupBuilder MapCvssEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/cvss/score", (CvssScoreRequest? request) =>
                CvssCalculator.TryScore(request?.Vector, out var score, out var error)
                    ? TypedResults.Ok(new CvssScoreView(score.Version, score.BaseScore, score.Severity))
                    : throw ValidationException.For("vector", error))
            .WithTags("Vulnerabilities")
            .WithName("ScoreCvssVector")
            .WithSummary("Scores a CVSS 3.1 or 4.0 vector per the FIRST specifications; a malformed vector is a 400 naming the metric at fault.")
            .ProducesValidationProblem();
        return api;
    }
}
