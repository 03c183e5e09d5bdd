"""Departments: groups of projects with their department heads."""
