using SecComms.Core.Errors;

namespace SecComms.Web.Hosting;

/// <summary>An edit was sent without saying which revision it was made on.</summary>
public sealed class PreconditionRequiredException(string detail) : SecCommsException("Precondition required", detail);
