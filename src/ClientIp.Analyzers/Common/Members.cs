using System;
using Microsoft.CodeAnalysis;

namespace ClientIp.Analyzers.Common;

/// <summary>Name checks that need no symbol look-up.</summary>
internal static class Members
{
    /// <summary>
    /// Whether a top-level type's namespace-qualified name is <paramref name="fullName"/> (e.g.
    /// <c>Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions</c>), compared name by name without building a string.
    /// </summary>
    public static bool HasFullName(INamedTypeSymbol type, string fullName)
    {
        var end = fullName.Length;
        ISymbol current = type;
        while (true)
        {
            var name = current.Name;
            var start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            if (current.ContainingNamespace is not { IsGlobalNamespace: false } container)
            {
                return start == 0;
            }

            if (start == 0 || fullName[start - 1] != '.')
            {
                return false;
            }

            end = start - 1;
            current = container;
        }
    }

    /// <summary>
    /// A namespace's dotted name (empty for the global namespace), joined from its names: the symbol display machinery
    /// behind <c>ToDisplayString</c> is code a fresh compiler has otherwise not run yet.
    /// </summary>
    public static string FullName(INamespaceSymbol? ns) =>
        ns is null || ns.IsGlobalNamespace ? string.Empty :
        ns.ContainingNamespace is { IsGlobalNamespace: false } container ? FullName(container) + "." + ns.Name : ns.Name;
}
