using System.Net;

namespace SecComms.Core.Distribution;

/// <summary>Why a webhook event was not delivered: the class of the failure, never the receiver's own words.</summary>
/// <remarks>
/// Webhook managers read the delivery log. Keeping what an address answered there (its status line, its body, the text
/// of a network error) would tell them what runs at that address, so only the class is kept.
/// </remarks>
public enum WebhookFailure
{
    /// <summary>The address is, or resolved to, one webhooks may not reach; nothing was connected to.</summary>
    RefusedDestination,
    /// <summary>The name did not resolve, or no connection could be opened or kept.</summary>
    Unreachable,
    /// <summary>No answer within the 15 seconds allowed.</summary>
    Timeout,
    /// <summary>The TLS handshake or the certificate check failed.</summary>
    Tls,
    /// <summary>What came back was not an HTTP answer.</summary>
    InvalidResponse,
    /// <summary>A 3xx answer; redirects are not followed.</summary>
    Redirect,
    /// <summary>A 4xx answer.</summary>
    ClientError,
    /// <summary>A 5xx answer.</summary>
    ServerError,
}

internal static class WebhookFailures
{
    /// <summary>The class of an answer that is not a 2xx, and whether it is worth trying again.</summary>
    public static (WebhookFailure Failure, bool Retry) Of(HttpStatusCode status) => (int)status switch
    {
        >= 300 and < 400 => (WebhookFailure.Redirect, false),
        408 or 429 => (WebhookFailure.ClientError, true),
        >= 400 and < 500 => (WebhookFailure.ClientError, false),
        >= 500 and < 600 => (WebhookFailure.ServerError, true),
        _ => (WebhookFailure.InvalidResponse, true),
    };

    /// <summary>The class of a request that got no answer, and whether it is worth trying again.</summary>
    public static (WebhookFailure Failure, bool Retry) Of(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WebhookDestinationRefusedException)
            {
                return (WebhookFailure.RefusedDestination, false);
            }
        }
        return exception switch
        {
            TaskCanceledException or TimeoutException => (WebhookFailure.Timeout, true),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => (WebhookFailure.Tls, true),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError }
                => (WebhookFailure.InvalidResponse, true),
            _ => (WebhookFailure.Unreachable, true),
        };
    }
}
