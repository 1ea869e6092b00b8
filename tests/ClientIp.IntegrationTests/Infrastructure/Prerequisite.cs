using System;

namespace ClientIp.IntegrationTests.Infrastructure;

/// <summary>
/// What a test does when a program it needs (nginx, HAProxy, csharp-ls) is missing: skip with the reason on a developer's
/// machine, fail under CI=true, where .ci/run installs every one of them and a missing one is a broken pipeline.
/// </summary>
public static class Prerequisite
{
    private static bool RunningInCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or in CI fails) the calling test when <paramref name="missing"/> says what is missing.</summary>
    public static void Require(string? missing)
    {
        if (missing is null)
        {
            return;
        }

        Assert.False(RunningInCi, $"CI must run this test: {missing}");
        Skip.If(true, missing);
    }
}
