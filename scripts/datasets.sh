#!/usr/bin/env bash
# Fetches public tabular datasets for the convergence benchmark (scripts/bench.sh parity) from Debian's
# python3-sklearn package and writes them as CSV files with a header row into .fdc/datasets (not committed):
#   breast-cancer.csv  569 rows, 30 numeric features f00..f29, label 'diagnosis' (0 malignant, 1 benign)
#   wine.csv           178 rows, 13 numeric features f00..f12, label 'cultivar' (0, 1, 2)
#   diabetes.csv       442 rows, 10 numeric features f00..f09 (raw, unscaled), target 'progression'
# The data are the UCI Breast Cancer Wisconsin (Diagnostic) and Wine data sets and Efron et al.'s diabetes data
# (2004), as scikit-learn ships them (BSD-3-Clause, see the package's copyright file, which is copied alongside).
# Usage: scripts/datasets.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.fdc/datasets}
if [[ -s $out/breast-cancer.csv && -s $out/wine.csv && -s $out/diabetes.csv ]]; then
  echo "datasets: already in $out"
  exit 0
fi
for tool in apt-get dpkg-deb awk gzip; do
  command -v "$tool" >/dev/null || { echo "datasets: needs $tool (a Debian system)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "datasets: downloading Debian's python3-sklearn package (the datasets only; nothing is installed)..."
if ! (cd "$work" && apt-get download python3-sklearn >/dev/null 2>&1); then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    (cd "$work" && apt-get download python3-sklearn >/dev/null)
  else
    echo "datasets: apt-get download python3-sklearn failed; run 'apt-get update' as root and try again" >&2
    exit 1
  fi
fi
dpkg-deb -x "$work"/python3-sklearn_*.deb "$work/x"
data="$work/x/usr/lib/python3/dist-packages/sklearn/datasets/data"
mkdir -p "$out"

# scikit-learn's CSVs start with a line 'rows,features,class names...' instead of a header
with_header() { # file features label
  awk -F, -v n="$2" -v label="$3" 'NR == 1 {
      for (i = 0; i < n; i++) printf "f%02d,", i; print label; next
    } { print }' "$1"
}
with_header "$data/breast_cancer.csv" 30 diagnosis > "$out/breast-cancer.csv"
with_header "$data/wine_data.csv" 13 cultivar > "$out/wine.csv"
{
  echo "f00,f01,f02,f03,f04,f05,f06,f07,f08,f09,progression"
  paste -d' ' <(gzip -dc "$data/diabetes_data_raw.csv.gz") <(gzip -dc "$data/diabetes_target.csv.gz") |
    awk '{ $11 = $11 + 0; $1 = $1; print }' OFS=,
} > "$out/diabetes.csv"
cp "$work/x/usr/share/doc/python3-sklearn/copyright" "$out/python3-sklearn.copyright"
for f in breast-cancer wine diabetes; do
  printf 'datasets: %-28s %5d rows\n' "$out/$f.csv" $(($(wc -l < "$out/$f.csv") - 1))
done
