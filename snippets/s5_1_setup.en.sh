#!/usr/bin/env bash
# Added by this site (the shebang above and the two lines below): tells ShellCheck this is a bash script;
# env/bin/activate exists only once `python3 -m venv env` has run, so it cannot be checked and is not followed (SC1091).
# shellcheck disable=SC1091

# --8<-- [start:article]
# Install Python
sudo apt-get update
sudo apt-get install python3-pip python3-venv

# Create a virtual environment
python3 -m venv env

# Activate the virtual environment
source env/bin/activate

# Install the necessary libraries
pip install tensorflow numpy matplotlib
# --8<-- [end:article]
