using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace ClientIp.Analyzers.Tests.Infrastructure;

/// <summary>
/// One analyzer test source, kept as data so that several suites can share it: the analyzer tests themselves, the
/// robustness test (every source truncated while being typed), and the code-fix test that applies the fix to every
/// positive case and checks the result compiles.
/// </summary>
/// <param name="Name">Says what the case shows, e.g. "RemoteIpAddress through IHttpContextAccessor".</param>
/// <param name="Id">The diagnostic id expected, or <c>null</c> for a case that must report nothing.</param>
/// <param name="Markup">Test source with <c>{|CIPxxxx:...|}</c> markup around every expected span.</param>
/// <param name="Fixable">Whether the code fix is expected to rewrite this case.</param>
public sealed record AnalyzerCase(string Name, string? Id, string Markup, bool Fixable = true)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>
/// Finds every case collection in this test assembly: any public static property of type
/// <c>IEnumerable&lt;AnalyzerCase&gt;</c> on a static class whose name ends in "Cases".
/// </summary>
public static class CaseCatalog
{
    /// <summary>Every case of every collection.</summary>
    public static IReadOnlyList<AnalyzerCase> All { get; } = typeof(CaseCatalog).Assembly.GetTypes()
        .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Cases", StringComparison.Ordinal))
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static))
        .Where(p => p.PropertyType == typeof(IEnumerable<AnalyzerCase>))
        .SelectMany(p => (IEnumerable<AnalyzerCase>)p.GetValue(null)!)
        .ToArray();

    /// <summary>The cases that expect a diagnostic.</summary>
    public static IEnumerable<AnalyzerCase> Positive => All.Where(c => c.Id is not null);

    /// <summary>xunit member data over <see cref="All"/>.</summary>
    public static IEnumerable<object[]> AllData => All.Select(c => new object[] { c });
}
