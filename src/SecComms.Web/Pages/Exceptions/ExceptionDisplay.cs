using SecComms.Core.Exceptions;

namespace SecComms.Web.Pages.Exceptions;

/// <summary>How the exception pages write statuses, risks and gates: each as a word, never as a colour alone.</summary>
internal static class ExceptionDisplay
{
    public static string StatusName(ExceptionStatus status) => status.ToString();

    public static string StatusClass(ExceptionStatus status) => "status status-" + status.ToString().ToLowerInvariant();

    public static string RiskName(RiskRating risk) => risk.ToString();

    public static string RiskClass(RiskRating risk) => "risk risk-" + risk.ToString().ToLowerInvariant();

    public static string GateName(string gate) => gate switch
    {
        Core.Policy.Gates.FixReleased => "Fix released",
        Core.Policy.Gates.IncidentContained => "Incident contained",
        Core.Policy.Gates.EmbargoPassed => "Embargo passed",
        _ => gate,
    };
}
