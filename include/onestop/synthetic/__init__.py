"""Synthetic nightly drops in New York's shape, for the demo, the tests and the benchmark.

Real OSOS/REOS data is confidential and never public, so everything the project
runs on is made here: a population of job seekers, offices and staff, their
services, enrollments and REOS histories, written as contract files with a
control file, and labelled defects injected on request (``onestop generate
--defect``). Nothing in ``onestop.nightly`` imports this package.
"""
