using SecComms.Core.Distribution;

namespace SecComms.Web.Pages.Webhooks;

/// <summary>How the webhook pages word an owner and a failure.</summary>
public static class WebhookDisplay
{
    public static string Owner(WebhookOwner? owner) => owner switch
    {
        null => "No owner",
        { Disabled: true } => $"{owner.Email} (disabled)",
        _ => owner.Email,
    };

    public static string Failure(WebhookFailure failure) => failure switch
    {
        WebhookFailure.RefusedDestination => "Address not allowed",
        WebhookFailure.Unreachable => "Unreachable",
        WebhookFailure.Timeout => "No answer in time",
        WebhookFailure.Tls => "TLS failed",
        WebhookFailure.InvalidResponse => "Not an HTTP answer",
        WebhookFailure.Redirect => "Redirect (3xx), not followed",
        WebhookFailure.ClientError => "Refused by the receiver (4xx)",
        WebhookFailure.ServerError => "Receiver error (5xx)",
        _ => failure.ToString(),
    };
}
