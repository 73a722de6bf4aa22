using WebVirt.Domain.Validation;

namespace WebVirt.Domain.InstallTrees;

/// <summary>Why an install tree cannot be used, as problems on the wizard's URL field.</summary>
public static class InstallTreeProblems
{
    public const string Field = "Source.Url";

    public static ValidationProblem NoKernel(string url, IEnumerable<string> tried) =>
        ValidationProblem.Create(Field, ValidationKeys.InstallTreeNoKernel, url, string.Join(", ", tried));

    public static ValidationProblem Unreadable(string url, string reason) =>
        ValidationProblem.Create(Field, ValidationKeys.InstallTreeUnreadable, url, reason);

    public static ValidationProblem NfsNotFetched(string url) =>
        ValidationProblem.Create(Field, ValidationKeys.InstallTreeNfsNotFetched, url);
}
