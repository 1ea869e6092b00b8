using System.Collections.Generic;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// Finds where an entry of a list-valued header is selected counting from the left (CIP0003): <c>Split(',')[0]</c>
/// (or <c>[1]</c>, <c>ElementAt(1)</c>, <c>Skip(1).First()</c>), <c>.First()</c>/<c>.FirstOrDefault()</c> on the split or
/// on the header values, <c>StringValues[0]</c>, <c>GetCommaSeparatedValues(...)[0]</c> and
/// <c>Substring(0, IndexOf(','))</c> (also as <c>[..IndexOf(',')]</c> or <c>Remove(IndexOf(','))</c>), directly or through locals.
/// </summary>
internal static class LeftmostSelection
{
    private const int MaxSteps = 48;

    private enum Shape
    {
        /// <summary>The header's entries: StringValues, string[] from GetCommaSeparatedValues, IEnumerable&lt;string&gt;.</summary>
        Entries,

        /// <summary>One string holding the comma-separated list.</summary>
        Text,

        /// <summary>The result of Split on that string.</summary>
        Split,

        /// <summary>Header entries (name and value) from LINQ over the headers or gRPC metadata: picking one picks a header, not an address.</summary>
        Pairs,
    }

    public static List<IOperation> Find(HeaderRead read, CancellationToken ct)
    {
        var found = new List<IOperation>();
        if (read.Value is null)
        {
            return found;
        }

        var work = new OperationWorklist();
        var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var start = read.IsEntry ? Shape.Pairs : read.IsText ? Shape.Text : Shape.Entries;
        if (read.Value != read.Operation && read.Value is ILocalReferenceOperation outVariable)
        {
            Follow(work, followed, outVariable.Local, outVariable, start, ct);
        }
        else
        {
            work.Push(read.Value, start);
        }

        Walk(work, followed, found, read.Operation.SemanticModel?.Compilation, ct);
        return found;
    }

    /// <summary>
    /// Follows values from the stack and collects the selections. <paramref name="compilation"/> is set for the walk from
    /// the read: a value handed to a helper of this compilation is followed into it, one level (null inside the helper).
    /// </summary>
    private static void Walk(OperationWorklist work, HashSet<ILocalSymbol> followed, List<IOperation> found, Compilation? compilation, CancellationToken ct)
    {
        for (var steps = 0; work.Count > 0 && steps < MaxSteps; steps++)
        {
            ct.ThrowIfCancellationRequested();
            var current = work.Pop(out var tag);
            var shape = (Shape)tag;
            if (OperationWalk.InvocationOnReceiver(current) is { } call)
            {
                if (shape == Shape.Pairs)
                {
                    if (call.TargetMethod.Name is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "Where")
                    {
                        work.Push(call, Shape.Pairs);
                    }
                }
                else
                {
                    Member(call, shape, work, found);
                }

                continue;
            }

            switch (current.Parent)
            {
                case IConversionOperation conversion:
                    work.Push(conversion, conversion.Type?.SpecialType == SpecialType.System_String && shape == Shape.Entries ? Shape.Text : shape);
                    break;
                case IConditionalAccessOperation access when access.Operation == current:
                    if (OperationWalk.InstanceOf(access) is { } instance)
                    {
                        work.Push(instance, shape);
                    }

                    break;
                case ICoalesceOperation coalesce when coalesce.Value == current:
                    work.Push(coalesce, shape);
                    break;
                case IArrayElementReferenceOperation element when element.ArrayReference == current:
                    if (shape is Shape.Entries or Shape.Split && element.Indices.Length == 1 && IsCountedFromTheLeft(element.Indices[0]))
                    {
                        found.Add(element);
                    }

                    break;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == current:
                    if (shape is Shape.Entries or Shape.Split && IsCountedFromTheLeft(indexer.Arguments[0].Value))
                    {
                        found.Add(indexer);
                    }

                    break;
                case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } slice when slice.Instance == current:
                    // xff[..xff.IndexOf(',')]: Substring(0, IndexOf(',')) written with a range.
                    if (shape == Shape.Text && range.LeftOperand is null or { ConstantValue: { HasValue: true, Value: 0 } } &&
                        range.RightOperand is { } end && IsIndexOfComma(end))
                    {
                        found.Add(slice);
                    }

                    break;
                case IPropertyReferenceOperation { Property.Name: "Value" } entry when entry.Instance == current && shape == Shape.Pairs:
                    // headers.FirstOrDefault(h => h.Key == "X-Forwarded-For").Value; a gRPC metadata entry's Value is text.
                    work.Push(entry, entry.Type?.SpecialType == SpecialType.System_String ? Shape.Text : Shape.Entries);
                    break;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    Follow(work, followed, declarator.Symbol, declarator, shape, ct);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    Follow(work, followed, target.Local, target, shape, ct);
                    break;
                case IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation callee } when compilation is not null && shape != Shape.Pairs &&
                                                                                                            HelperSelectsLeftmost(callee, parameter, shape, compilation, ct):
                    found.Add(current); // FirstHop(headers["X-Forwarded-For"]) where FirstHop returns values[0]: reported at the read
                    break;
            }
        }
    }

    /// <summary>Whether a method of this compilation picks a leftmost entry of what it gets as <paramref name="parameter"/>.</summary>
    private static bool HelperSelectsLeftmost(IInvocationOperation call, IParameterSymbol parameter, Shape shape, Compilation compilation, CancellationToken ct)
    {
        var method = call.TargetMethod.OriginalDefinition;
        if (ClientIpLibrary.IsInClientIpLibrary(method) || OperationWalk.SourceBody(method, compilation, ct) is not { } body)
        {
            return false;
        }

        var work = new OperationWorklist();
        foreach (var operation in body.Descendants())
        {
            if (operation is IParameterReferenceOperation reference && reference.Parameter.Ordinal == parameter.Ordinal &&
                SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method))
            {
                work.Push(reference, shape);
            }
        }

        var found = new List<IOperation>();
        Walk(work, new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default), found, compilation: null, ct);
        return found.Count > 0;
    }

    private static void Member(IInvocationOperation invocation, Shape shape, OperationWorklist work, List<IOperation> found)
    {
        var extraArguments = invocation.Arguments.Length - (invocation.Instance is null ? 1 : 0);
        switch (invocation.TargetMethod.Name)
        {
            case "ToString" when shape != Shape.Split:
                work.Push(invocation, Shape.Text);
                break;
            case "Trim" or "TrimStart" or "TrimEnd" or "ToLowerInvariant" or "ToUpperInvariant" when shape == Shape.Text:
                work.Push(invocation, Shape.Text);
                break;
            case "Split" when shape == Shape.Text:
                work.Push(invocation, Shape.Split);
                break;
            case "First" or "FirstOrDefault" when shape != Shape.Text && extraArguments == 0:
                found.Add(invocation);
                break;
            case "ElementAt" or "ElementAtOrDefault" when shape != Shape.Text && extraArguments == 1 &&
                                                         IsCountedFromTheLeft(invocation.Arguments[invocation.Arguments.Length - 1].Value):
                found.Add(invocation);
                break;
            case "Skip" or "Select" or "Where" or "ToArray" or "ToList" or "AsEnumerable" when shape != Shape.Text:
                // Skip(1).First() still counts from the left; Select(s => s.Trim()) keeps the order.
                work.Push(invocation, shape);
                break;
            case "Remove" when shape == Shape.Text && invocation.Arguments.Length == 1 && IsIndexOfComma(invocation.Arguments[0].Value):
                found.Add(invocation); // xff.Remove(xff.IndexOf(',')): everything up to the first comma
                break;
            case "Substring" when shape == Shape.Text && invocation.Arguments.Length == 2 &&
                                  OperationWalk.IsConstantZero(invocation.Arguments[0].Value) &&
                                  IsIndexOfComma(invocation.Arguments[1].Value):
                found.Add(invocation);
                break;
        }
    }

    /// <summary>
    /// A constant position from the left (<c>[0]</c>, <c>[1]</c>): whatever the client prepends shifts the entries, so
    /// any of them may be the client's own. Positions from the right (<c>[^1]</c>, <c>Length - 1</c>) are not constants.
    /// </summary>
    private static bool IsCountedFromTheLeft(IOperation index) =>
        index.ConstantValue is { HasValue: true, Value: int position } && position >= 0;

    /// <summary><c>s.IndexOf(',')</c> or <c>s.IndexOf(",")</c> (possibly with more arguments).</summary>
    private static bool IsIndexOfComma(IOperation operation)
    {
        var value = OperationWalk.SkipConversions(operation);
        if (value is ILocalReferenceOperation { Local: var local })
        {
            // int comma = xff.IndexOf(','); ... xff.Substring(0, comma): the local's only value.
            value = null;
            foreach (var declarator in OperationWalk.Root(operation).Descendants())
            {
                if (declarator is IVariableDeclaratorOperation { Initializer.Value: var initial } d && SymbolEqualityComparer.Default.Equals(d.Symbol, local))
                {
                    value = OperationWalk.SkipConversions(initial);
                }
                else if (declarator is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } &&
                         SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    return false; // assigned again: not known to be the comma's position
                }
            }
        }

        return value is IInvocationOperation { TargetMethod.Name: "IndexOf" } indexOf &&
            indexOf.Arguments.Length > 0 &&
            OperationWalk.SkipConversions(indexOf.Arguments[0].Value)?.ConstantValue is { HasValue: true, Value: ',' or "," };
    }

    private static void Follow(OperationWorklist work, HashSet<ILocalSymbol> followed, ILocalSymbol local, IOperation anchor, Shape shape, CancellationToken ct)
    {
        if (!followed.Add(local))
        {
            return;
        }

        foreach (var reference in OperationWalk.References(OperationWalk.Root(anchor), local, ct))
        {
            var position = reference.Parent is IDeclarationExpressionOperation declaration ? declaration : (IOperation)reference;
            if (!OperationWalk.IsWriteTarget(position))
            {
                work.Push(reference, shape);
            }
        }
    }

    private static void Push(this OperationWorklist work, IOperation operation, Shape shape) => work.Push(operation, (int)shape);
}
