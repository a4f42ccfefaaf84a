print("termcut")
