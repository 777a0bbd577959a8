namespace SecComms.Core.Templates;

/// <summary>A render went beyond one of the <see cref="TemplateLimits"/> and was stopped.</summary>
public sealed class TemplateLimitException(string message) : Exception(message);
