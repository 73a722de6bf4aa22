namespace WebVirt.Data;

/// <summary>One resolution of usage history and how long its rows are kept.</summary>
public sealed record UsageTier(int ResolutionSeconds, TimeSpan Retention);
