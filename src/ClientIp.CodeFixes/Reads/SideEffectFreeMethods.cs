using System.Collections.Generic;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// The one list of methods the read fixes may drop, move or evaluate fewer times, because calling them only reads.
/// Two kinds: <em>derivation steps</em> turn a header value (or the peer address) into one address and keep being
/// that address (<c>ToString</c>, <c>Split</c>, <c>First</c>, <c>Trim</c>, <c>IPAddress.Parse</c>, ...), so a fix may
/// widen over them; <em>queries</em> look without deriving (<c>TryGetValue</c>, <c>IsNullOrEmpty</c>,
/// <c>Contains</c>, <c>GetHttpContext</c>, ...). Matched on the method symbol: a method declared in the user's source
/// is never on the list, whatever its name (a <c>Trim</c> extension of one's own may do anything); the resolver's own
/// methods always are.
/// </summary>
internal static class SideEffectFreeMethods
{
    private static readonly Dictionary<string, bool> IsStepByName = Build(
        steps: new[]
        {
            "ToString", "Split", "Trim", "TrimStart", "TrimEnd", "First", "FirstOrDefault", "Last", "LastOrDefault",
            "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "Substring", "ToLower", "ToLowerInvariant",
            "ToUpper", "ToUpperInvariant", "Select", "ToArray", "AsSpan", "Parse",
        },
        queries: new[]
        {
            "TryGetValue", "GetCommaSeparatedValues", "GetValueOrDefault", "GetValue", "IsNullOrEmpty", "IsNullOrWhiteSpace",
            "TryParse", "Get", "GetTypedHeaders", "ToDictionary", "ToList", "Contains", "ContainsKey", "IndexOf", "LastIndexOf", "IsLoopback", "GetHttpContext", "GetServerVariable",
        });

    /// <summary>A framework method that turns a value into the same address in another form.</summary>
    public static bool IsDerivationStep(IMethodSymbol? method) =>
        method is not null && (IsStepByName.TryGetValue(method.Name, out var isStep) && isStep && IsFramework(method) || IsStringRemove(method));

    /// <summary><c>xff.Remove(xff.IndexOf(','))</c>: only System.String's (a collection's Remove changes it).</summary>
    private static bool IsStringRemove(IMethodSymbol method) =>
        method.Name == "Remove" && method.ContainingType?.SpecialType == SpecialType.System_String;

    /// <summary>A framework method on the list (step or query), or one of the resolver's.</summary>
    public static bool IsSideEffectFree(IMethodSymbol? method, WellKnownSymbols symbols)
    {
        if (method is null)
        {
            return false;
        }

        if (symbols.ResolverExtensions is { } resolver && SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).ContainingType, resolver))
        {
            return true;
        }

        return IsStepByName.ContainsKey(method.Name) && IsFramework(method) || IsStringRemove(method);
    }

    /// <summary>Declared in a referenced assembly, not in the code being fixed.</summary>
    private static bool IsFramework(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition.DeclaringSyntaxReferences.IsEmpty;

    private static Dictionary<string, bool> Build(string[] steps, string[] queries)
    {
        var map = new Dictionary<string, bool>(System.StringComparer.Ordinal);
        foreach (var name in steps)
        {
            map[name] = true;
        }

        foreach (var name in queries)
        {
            map[name] = false;
        }

        return map;
    }
}
